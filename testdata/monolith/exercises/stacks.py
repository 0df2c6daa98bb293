"""Problem stacks: the queue of upcoming problems a student sees."""
from exercises import util
from exercises.models import Exercise

STACK_SIZE = 8


class ProblemCard(object):
    def __init__(self, exercise_name, problem_number, seed):
        self.exercise_name = exercise_name
        self.problem_number = problem_number
        self.seed = seed

    def to_dict(self):
        return {'exercise': self.exercise_name,
                'problem': self.problem_number,
                'seed': self.seed}


def build_stack(user_id, exercise, start_at=1):
    return [ProblemCard(exercise.name, n,
                        util.problem_seed(user_id, exercise.name, n))
            for n in range(start_at, start_at + STACK_SIZE)]


def review_stack(user_id, exercise_names):
    cards = []
    for i, name in enumerate(exercise_names):
        exercise = Exercise.get_by_name(name)
        if exercise is None or not exercise.live:
            continue
        cards.append(ProblemCard(name, 1000 + i,
                                 util.problem_seed(user_id, name, 1000 + i)))
    return cards[:STACK_SIZE]
