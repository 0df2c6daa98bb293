"""JSON views for the club app."""

from django.http import Http404, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from djapp import services
from djapp.models import Match, Player, Team


def team_list(request):
    city = request.GET.get('city')
    teams = Team.objects.all()  # data: read djapp.models.Team
    if city:
        teams = teams.filter(city=city)
    return JsonResponse({'teams': [t.name for t in teams]})


def team_detail(request, team_id):
    try:
        team = Team.objects.get(pk=team_id)  # data: read djapp.models.Team
    except Team.DoesNotExist:
        raise Http404('no such team')
    roster = (Player.objects  # data: read djapp.models.Player
              .filter(team=team, is_active=True)
              .values('id', 'jersey_number'))
    return JsonResponse({'name': team.name, 'roster': list(roster)})


@require_POST
def create_team(request):
    team = Team(name=request.POST['name'], city=request.POST.get('city', ''))
    team.save()  # data: write djapp.models.Team
    return JsonResponse({'id': team.pk}, status=201)


@require_POST
def rename_team(request, team_id):
    team = Team.objects.get(pk=team_id)  # data: read djapp.models.Team
    team.name = request.POST['name']
    team.save()  # data: write djapp.models.Team
    return JsonResponse({'id': team.pk})


@require_POST
def bench_team(request, team_id):
    benched = Player.objects.filter(team_id=team_id).update(is_active=False)  # data: write djapp.models.Player
    return JsonResponse({'benched': benched})


@require_POST
def retire_player(request, player_id):
    player = Player.objects.get(pk=player_id)  # data: read djapp.models.Player
    services.retire(player)
    return JsonResponse({'retired': player_id})


def upcoming(request):
    def _opponents(team_id):
        return Match.objects.filter(home_id=team_id).values_list('away_id', flat=True)  # data: read djapp.models.Match

    matches = Match.objects.filter(kickoff__gte=timezone.now()).order_by('kickoff')  # data: read djapp.models.Match
    team_id = request.GET.get('team')
    payload = {'matches': [m.pk for m in matches]}
    if team_id:
        payload['opponents'] = list(_opponents(team_id))
    payload['has_fixtures'] = Match.objects.exists()  # data: read djapp.models.Match
    return JsonResponse(payload)
