"""Progress and badges pages."""
from progress import badges, goals, mastery, recommendations
from progress import summary
from progress.badge_definitions import BADGES
from progress.internal import streaks
from shared import common
from shared.decorators import login_required
from shared.request_handler import RequestHandler


class ProgressPage(RequestHandler):
    @login_required
    def get(self):
        user_data = common.current_user_data()
        goals.refresh(user_data)
        self.render_jinja2_template('progress/progress.html', {
            'map': mastery.knowledge_map_summary(user_data),
            'weekly': summary.weekly_activity(user_data.user_id),
            'streak': streaks.current(user_data.user_id),
            'suggested': mastery.suggested_exercises(user_data),
            'next_videos': recommendations.next_videos(user_data),
        })


class BadgesPage(RequestHandler):
    @login_required
    def get(self):
        user_data = common.current_user_data()
        earned = badges.badges_for(user_data)
        self.render_jinja2_template('progress/badges.html', {
            'earned': earned,
            'catalogue': sorted(BADGES.values(), key=lambda b: b.points),
        })
