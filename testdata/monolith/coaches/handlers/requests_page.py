"""Students see and answer coach requests here."""
from coaches import invitations
from coaches.models import CoachRequest
from shared.request_handler import RequestHandler
from users import api as users_api


class RequestsPage(RequestHandler):
    def get(self):
        student = users_api.require(self.request)
        pending = CoachRequest.pending_for_student(student)
        self.render_jinja2_template('coaches/requests.html', {
            'requests': [(r.coach.get(), r.message) for r in pending],
        })

    def post(self):
        student = users_api.require(self.request)
        coach_id = self.request.get('coach_id')
        if self.request.get('action') == 'accept':
            ok = invitations.accept(student, coach_id)
        else:
            coach = users_api.get_by_user_id(coach_id)
            invitations.decline(student, coach)
            ok = True
        self.render_json({'ok': ok})
