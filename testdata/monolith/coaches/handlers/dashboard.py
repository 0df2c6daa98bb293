"""Coach dashboard."""
from coaches import permissions, util
from shared.decorators import login_required
from shared.request_handler import RequestHandler
from users import api as users_api


class DashboardPage(RequestHandler):
    # Imported at class level so tests can patch DashboardPage.class_stats.
    from coaches import class_stats

    @login_required
    def get(self):
        coach = users_api.require(self.request)
        students = util.students_of(coach)
        self.render_jinja2_template('coaches/dashboard.html', {
            'lists': permissions.lists_visible_to(coach),
            'students': util.display_list(students),
            'proficiency': self.class_stats.proficiency_counts(students),
        })
