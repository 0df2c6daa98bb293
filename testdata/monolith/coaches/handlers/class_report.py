"""Per-list class report page."""
from .. import permissions
from ..models import StudentList
from ..reports import class_report
from shared import common
from shared.request_handler import RequestHandler
from users import api as users_api


class ClassReportPage(RequestHandler):
    def get(self, list_id):
        coach = users_api.require(self.request)
        student_list = StudentList.get_by_id(common.safe_int(list_id))
        if student_list is None or \
                not permissions.can_view_list(coach, student_list):
            self.abort(403)
        self.render_jinja2_template('coaches/class_report.html', {
            'report': class_report(coach, student_list.key.id()),
        })
