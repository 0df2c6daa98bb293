"""Free response: compares normalised text against accepted answers."""
from . import base
from .. import util


class FreeResponseGrader(base.Grader):
    name = 'free_response'

    accepted = {}

    def check(self, seed, answer):
        wanted = self.accepted.get(seed)
        if wanted is None:
            return False
        given = util.normalize_answer(answer)
        return any(given == util.normalize_answer(w) for w in wanted)

    def register_answers(self, seed, answers):
        self.accepted[seed] = [a for a in answers if isinstance(a, basestring)]


GRADER = FreeResponseGrader()
