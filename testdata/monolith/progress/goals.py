"""Student goals."""
from progress.models import UserGoal, UserExercise, UserVideo
from shared import common


def create(user_data, title, objectives):
    goal = UserGoal(user=user_data.key, title=title, objectives=objectives)
    goal.put()
    return goal


def _objective_done(user_data, objective):
    kind, target = objective['type'], objective['target']
    if kind == 'exercise':
        ue = UserExercise.get_for(user_data, target)
        return ue.proficient_date is not None
    if kind == 'video':
        uv = UserVideo.get_by_id('%s:%s' % (user_data.user_id, target))
        return uv is not None and uv.completed
    return False


def refresh(user_data):
    open_goals = UserGoal.query(UserGoal.user == user_data.key,
                                UserGoal.completed_on == None,
                                UserGoal.abandoned == False).fetch(10)
    finished = []
    for goal in open_goals:
        if all(_objective_done(user_data, o) for o in goal.objectives):
            goal.completed_on = common.now()
            goal.put()
            finished.append(goal)
    return finished


def abandon(goal_id):
    goal = UserGoal.get_by_id(goal_id)
    goal.abandoned = True
    goal.put()
