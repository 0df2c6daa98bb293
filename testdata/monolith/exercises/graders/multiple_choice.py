"""Multiple choice: the answer is the index of the right choice."""
from exercises import util
from exercises.graders.base import Grader

NUM_CHOICES = 5


class MultipleChoiceGrader(Grader):
    name = 'multiple_choice'

    def expected_answer(self, seed):
        return unicode(util.rng_for(seed).randrange(NUM_CHOICES))

    def shuffled_choices(self, seed, choices):
        choices = list(choices)
        util.rng_for(seed).shuffle(choices)
        return choices


GRADER = MultipleChoiceGrader()
