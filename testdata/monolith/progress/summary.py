"""Weekly activity summaries for the progress page and coach reports."""
from __future__ import absolute_import

import collections
import datetime

from exercises.models import ProblemLog
from progress.models import VideoLog
from shared import dates


def weekly_activity(user_id, weeks=4):
    since = dates.start_of_week(dates.utcnow()) - datetime.timedelta(weeks=weeks)
    per_week = collections.defaultdict(lambda: {'videos': 0, 'problems': 0})

    for log in VideoLog.all().filter('user_id =', user_id) \
                             .filter('time_watched >=', since):
        per_week[dates.start_of_week(log.time_watched).date()]['videos'] += 1

    for log in ProblemLog.all().filter('user_id =', user_id) \
                               .filter('created >=', since):
        per_week[dates.start_of_week(log.created).date()]['problems'] += 1

    return collections.OrderedDict(sorted(per_week.items()))


def exercise_counts(user_id):
    counter = collections.Counter()
    for log in ProblemLog.all().filter('user_id =', user_id).run(limit=1000):
        counter[log.exercise] += 1
    return counter.most_common(10)
