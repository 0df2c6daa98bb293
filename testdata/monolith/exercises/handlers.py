"""Exercise page and the attempt endpoint."""
from exercises import attempts, hints, stacks
from exercises.models import Exercise, ExerciseVideo
from shared import common
from shared.decorators import json_errors
from shared.request_handler import RequestHandler


class ExercisePage(RequestHandler):
    def get(self, name):
        exercise = Exercise.get_by_name(name)
        if exercise is None or not exercise.live:
            self.abort(404)
        user_data = common.current_user_data()
        user_id = user_data.user_id if user_data else 'anon'
        related = ExerciseVideo.query(
            ExerciseVideo.exercise == exercise.key).order(
                ExerciseVideo.order).fetch(5)
        self.render_jinja2_template('exercises/exercise.html', {
            'exercise': exercise,
            'stack': [c.to_dict() for c in stacks.build_stack(user_id, exercise)],
            'related_video_keys': [r.video for r in related],
        })


class AttemptHandler(RequestHandler):
    @json_errors
    def post(self, name):
        user_data = common.current_user_data()
        if user_data is None:
            return self.render_json({'error': 'login required'}, status=401)
        log = attempts.attempt(user_data, name,
                               self.request_int('problem_number', 1),
                               self.request.get('answer'),
                               self.request_int('time_taken'),
                               hint_used=self.request_bool('hint_used'))
        self.render_json({'correct': log.correct,
                          'proficient': log.earned_proficiency})


class HintHandler(RequestHandler):
    def post(self, name):
        user_data = common.current_user_data()
        if user_data is None:
            self.abort(401)
        log = hints.take_hint(user_data.user_id, name,
                              self.request_int('problem_number', 1))
        self.render_json({'ok': log is not None})
