"""Numeric answers, with a tolerance."""
import logging

from exercises.graders.base import Grader
from exercises.internal import randomizer

TOLERANCE = 1e-6


class NumericGrader(Grader):
    name = 'numeric'
    script = 'a = rand(1, 20)\nb = rand(1, 20)\nanswer = a + b'

    def expected_answer(self, seed):
        return randomizer.evaluate(self.script, seed)['answer']

    def check(self, seed, answer):
        try:
            given = float(answer)
        except ValueError, e:
            logging.debug('non-numeric answer %r: %s', answer, e)
            return False
        expected = float(self.expected_answer(seed))
        return abs(given - expected) <= TOLERANCE


GRADER = NumericGrader()
