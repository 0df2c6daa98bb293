"""Abstract Django base with audit columns."""

from django.db import models


class AuditedModel(models.Model):  # model AuditedModel abstract
    created_by = models.CharField(max_length=64, blank=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def stamp(self, username):
        self.created_by = username
