"""Points leaderboard."""
from shared import common
from users.models import UserData


@common.cached(expiration=300)
def top_users(limit=25):
    q = UserData.query(UserData.is_phantom == False).order(-UserData.points)
    return [(u.display_name(), u.points) for u in q.fetch(limit)]


def rank_of(user_data):
    return UserData.query(UserData.points > user_data.points).count(
        limit=10000) + 1
