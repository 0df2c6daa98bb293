"""Base class for graders."""
from exercises import util


class Grader(object):
    name = None

    def expected_answer(self, seed):
        raise NotImplementedError

    def check(self, seed, answer):
        return (util.normalize_answer(answer) ==
                util.normalize_answer(self.expected_answer(seed)))

    def __repr__(self):
        return '<Grader %s>' % self.name
