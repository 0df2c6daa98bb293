"""/api/v1/user/progress endpoints."""
from __future__ import absolute_import

import progress.internal.streaks as streaks
from api import auth, serializers
from api.decorators import api_method
from progress import badges, mastery
from progress.models import UserExercise
from shared.request_handler import RequestHandler


class ProgressApi(RequestHandler):
    @api_method
    def get(self):
        user_data = auth.require_user(self.request)
        return {
            'points': user_data.points,
            'streak': streaks.current(user_data.user_id),
            'exercises': [serializers.user_exercise(ue)
                          for ue in UserExercise.for_user(user_data)],
            'map': mastery.knowledge_map_summary(user_data),
        }


class BadgesApi(RequestHandler):
    @api_method
    def get(self):
        user_data = auth.require_user(self.request)
        return [serializers.badge(b) for b in badges.badges_for(user_data)]
