"""/api/v1/exercises endpoints."""
from __future__ import absolute_import

from api import auth, errors, serializers
from api.decorators import api_method
from exercises import attempts
from exercises.models import Exercise
from exercises.graders import registry
from shared import common
from shared.request_handler import RequestHandler


class ExerciseListApi(RequestHandler):
    @api_method
    def get(self):
        return [serializers.exercise(e) for e in Exercise.all_live()]


class AttemptApi(RequestHandler):
    @api_method
    def post(self, name):
        user_data = auth.require_user(self.request)
        if self.request.get('grader') not in ('',) + tuple(
                registry.known_graders()):
            raise errors.ApiError('unknown grader')
        try:
            log = attempts.attempt(user_data, name,
                                   common.safe_int(
                                       self.request.get('problem_number'), 1),
                                   self.request.get('answer'),
                                   common.safe_int(
                                       self.request.get('time_taken')))
        except ValueError, e:
            raise errors.NotFound(unicode(e))
        return {'correct': log.correct, 'proficient': log.earned_proficiency}
