"""Template helpers for user widgets."""
import cgi

from users import avatars


def user_badge_html(user_data):
    return u'<span class="user"><img src="%s"> %s</span>' % (
        avatars.avatar_url(user_data.avatar_name),
        cgi.escape(user_data.display_name()))


def points_html(points):
    if points >= 1000000:
        text = u'%.1fM' % (points / 1000000.0)
    elif points >= 1000:
        text = u'%dk' % (points / 1000)
    else:
        text = unicode(points)
    return u'<span class="energy-points">%s</span>' % text
