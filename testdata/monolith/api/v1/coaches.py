"""/api/v1/coach endpoints."""
from __future__ import absolute_import

from api import auth, errors
from api.decorators import api_method
from coaches import permissions
from coaches.models import StudentList
from coaches.reports import class_report
from shared import common
from shared.request_handler import RequestHandler


class StudentListsApi(RequestHandler):
    @api_method
    def get(self):
        coach = auth.require_user(self.request)
        return [{'id': l.key.id(), 'name': l.name}
                for l in permissions.lists_visible_to(coach)]


class ClassReportApi(RequestHandler):
    @api_method
    def get(self, list_id):
        coach = auth.require_user(self.request)
        student_list = StudentList.get_by_id(common.safe_int(list_id))
        if student_list is None:
            raise errors.NotFound('no list %s' % list_id)
        if not permissions.can_view_list(coach, student_list):
            raise errors.Forbidden('not your list')
        return class_report(coach, student_list.key.id())
