"""Django models for the football club app (app label: djapp)."""

from django.db import models

from shared.djbase import AuditedModel


class Team(models.Model):  # model Team
    name = models.CharField(max_length=100, unique=True)
    city = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ['name']

    def __str__(self):
        return self.name


class Player(AuditedModel):  # model djapp_player
    team = models.ForeignKey("djapp.Team", on_delete=models.CASCADE)  # data: reference djapp.models.Team
    season = models.ForeignKey("stats.Season", null=True, on_delete=models.SET_NULL)  # data: reference djapp.stats.models.Season
    jersey_number = models.PositiveSmallIntegerField(null=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        db_table = 'djapp_player'


class Match(models.Model):  # model Match
    home = models.ForeignKey(Team, related_name='home_matches', on_delete=models.CASCADE)  # data: reference djapp.models.Team
    away = models.ForeignKey("Team", related_name='away_matches', on_delete=models.CASCADE)  # data: reference djapp.models.Team
    players = models.ManyToManyField(Player, blank=True)  # data: reference djapp.models.Player
    kickoff = models.DateTimeField()


class Stadium(models.Model):  # model Stadium
    club = models.OneToOneField('djapp.Team', on_delete=models.CASCADE)  # data: reference djapp.models.Team
    capacity = models.PositiveIntegerField(default=0)


class Scoreline(object):
    """Value object for a result; not a model."""

    def __init__(self, home_goals, away_goals):
        self.home_goals = home_goals
        self.away_goals = away_goals

    def winner(self):
        if self.home_goals == self.away_goals:
            return None
        return 'home' if self.home_goals > self.away_goals else 'away'
