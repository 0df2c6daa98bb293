"""CSV export of a coach's students."""
from shared.constants import *

from coaches import csv_helpers
from coaches.reports import students_for_coach_gql
from shared.request_handler import RequestHandler
from users import api as users_api

HEADER = [u'Name', u'Email', u'Points', u'Videos (max %d pts)' % POINTS_PER_VIDEO]


def export_rows(coach_email):
    for s in students_for_coach_gql(coach_email)[:MAX_PAGE_SIZE * 5]:
        yield [s.nickname or u'', s.email or u'', s.points, u'']


class ExportStudentsHandler(RequestHandler):
    def get(self):
        coach = users_api.require(self.request)
        self.response.headers['Content-Type'] = 'text/csv'
        self.response.headers['Content-Disposition'] = \
            'attachment; filename="%s-students.csv"' % SITE_NAME.lower()
        self.response.write(csv_helpers.to_csv(HEADER,
                                               export_rows(coach.email)))
