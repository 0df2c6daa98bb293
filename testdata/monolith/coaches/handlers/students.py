"""Managing the students of a coach."""
from coaches import class_stats
from coaches import invitations, \
    util
from shared.request_handler import RequestHandler
from users import api as users_api
from users.internal import sessions


class StudentsPage(RequestHandler):
    def get(self):
        coach = users_api.require(self.request)
        self.render_jinja2_template('coaches/students.html', {
            'students': util.display_list(util.students_of(coach)),
            'session': sessions.read(self.request),
        })

    def post(self):
        coach = users_api.require(self.request)
        email = self.request.get('student_email')
        req = invitations.request_coaching(coach, email,
                                           self.request.get('message'))
        self.render_json({'requested': req is not None})


class RemoveStudentHandler(RequestHandler):
    def post(self):
        coach = users_api.require(self.request)
        removed = class_stats.remove_student(coach,
                                             self.request.get('student_id'))
        self.render_json({'removed': removed})
