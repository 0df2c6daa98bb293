"""Business logic behind the club views."""

from django.db import transaction

from djapp import models as club_models
from djapp.models import Player, Stadium, Team
from djapp.stats.models import Season, Standing


def current_season():
    return Season.objects.order_by('-year').first()  # data: read djapp.stats.models.Season


def retire(player):
    player.is_active = False
    player.jersey_number = None
    player.save()  # data: write djapp.models.Player inferred


def retire_inactive(team_id):
    Player.objects.filter(team_id=team_id).exclude(is_active=True).delete()  # data: write djapp.models.Player


@transaction.atomic
def rebuild_standings(season):
    Standing.objects.filter(season=season).delete()  # data: write djapp.stats.models.Standing
    rows = []
    for rank, team in enumerate(club_models.Team.objects.order_by('name'), start=1):  # data: read djapp.models.Team
        rows.append(Standing(season=season, team=team, rank=rank, league_points=0))
    Standing.objects.bulk_create(rows)  # data: write djapp.stats.models.Standing
    return len(rows)


def team_size(team_id):
    return club_models.Player.objects.filter(team_id=team_id, is_active=True).count()  # data: read djapp.models.Player


def ensure_team(name, city):
    team, created = Team.objects.get_or_create(name=name, defaults={'city': city})  # data: write djapp.models.Team
    return team


def set_capacity(team, capacity):
    Stadium.objects.update_or_create(club=team, defaults={'capacity': capacity})  # data: write djapp.models.Stadium


def sign_player(team, number):
    return Player.objects.create(team=team, jersey_number=number)  # data: write djapp.models.Player


def disband(team_id):
    Team.objects.get(pk=team_id).delete()  # data: write djapp.models.Team


def start_season(year):
    season = Season(year=year)
    season.save()  # data: write djapp.stats.models.Season
    return season


def drop_season(year):
    season = Season.objects.get(year=year)  # data: read djapp.stats.models.Season
    season.delete()  # data: write djapp.stats.models.Season
