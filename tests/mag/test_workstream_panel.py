"""The MAG's duties shown on a workstream's own page (R-BPF-3, R-BPF-4, R-PN-3)."""

import pytest

from mag import services
from tests.factories import WorkstreamFactory


@pytest.fixture
def pn(db):
    return WorkstreamFactory(kind="pn", name="Policy Network on Testing", slug="pn-testing")


def test_R_BPF_3_a_bpf_page_names_its_mag_facilitator_or_shows_the_duty_uncovered(
    client, secretariat, mag_member, bpf_a
):
    page = client.get(bpf_a.get_absolute_url()).content.decode()
    assert "No MAG facilitator yet: the duty is uncovered." in page
    services.assign_liaison(
        actor=secretariat, member=mag_member, kind="bpf_facilitator", workstream=bpf_a, reason="x"
    )
    page = client.get(bpf_a.get_absolute_url()).content.decode()
    assert "MAG facilitators" in page and mag_member.public_name in page
    assert "duty is uncovered" not in page


def test_R_BPF_4_a_bpf_page_shows_the_secretariats_support_and_penholder(
    client, secretariat, bpf_a
):
    services.update_bpf_support(
        actor=secretariat, workstream=bpf_a, mailing_list=True, penholder=secretariat
    )
    page = client.get(bpf_a.get_absolute_url()).content.decode()
    assert "Support from the IGF Secretariat" in page
    assert "Penholder of the output report:" in page and secretariat.public_name in page


def test_R_PN_3_a_pn_page_names_its_mag_liaisons(client, secretariat, mag_member, pn):
    services.assign_liaison(
        actor=secretariat, member=mag_member, kind="pn_liaison", workstream=pn, reason="x"
    )
    page = client.get(pn.get_absolute_url()).content.decode()
    assert "MAG liaisons" in page and mag_member.public_name in page


def test_a_dc_page_has_no_mag_panel(client, db):
    dc = WorkstreamFactory(kind="dc")
    assert "MAG facilitators" not in client.get(dc.get_absolute_url()).content.decode()
