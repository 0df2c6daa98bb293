"""League tables (app label: stats)."""

from django.db import models


class Season(models.Model):  # model Season
    year = models.PositiveSmallIntegerField(unique=True)


class Standing(models.Model):  # model league_standing
    season = models.ForeignKey(Season, on_delete=models.CASCADE)  # data: reference djapp.stats.models.Season
    team = models.ForeignKey("djapp.Team", on_delete=models.CASCADE)  # data: reference djapp.models.Team
    rank = models.PositiveSmallIntegerField()
    league_points = models.IntegerField(default=0)

    class Meta:
        db_table = 'league_standing'
        ordering = ['rank']
