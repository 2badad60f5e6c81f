from django.db import models
from django.utils.translation import gettext_lazy as _


class ScaleDataset(models.Model):
    """One run of `generate_scale_data`: its size and seed, what it made, and the IGF cycles it
    created (cycles it found already there, the demo's for instance, were reused and are never
    deleted by `--reset`)."""

    size = models.CharField(max_length=10)
    seed = models.IntegerField()
    cycle_ids = models.JSONField(default=list, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("scale dataset")

    def __str__(self):
        return f"{self.size} scale data (seed {self.seed})"
