from django.db import models


class Stamped(models.Model):
    created = models.DateTimeField()

    class Meta:
        abstract = True


class Post(Stamped):
    title = models.CharField(max_length=80)
