"""The demo's news and documents go through the space services and can be seeded twice."""

import io

import pytest

from demo import spaces as demo_spaces
from workstreams.models import Document, NewsPost


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_demo_spaces_are_seeded_once_through_the_services(
    bpf_a, bpf_b, bpf_a_coordinator, secretariat
):
    arguments = {
        "secretariat": secretariat,
        "people": {"bpf-coordinator@example.org": bpf_a_coordinator},
        "workstreams": {"bpf-cybersecurity": bpf_a, "dc-internet-rights-principles": bpf_b},
        "stdout": io.StringIO(),
    }
    assert demo_spaces.seed(**arguments) == (3, 3)
    assert demo_spaces.seed(**arguments) == (0, 0)
    assert NewsPost.objects.filter(workstream=bpf_a, author=bpf_a_coordinator).count() == 2
    assert set(Document.objects.values_list("content_type", flat=True)) == {
        "application/pdf",
        "text/csv; charset=utf-8",
        "text/plain; charset=utf-8",
    }
    assert Document.objects.get(title__startswith="Contributors").is_public is False
