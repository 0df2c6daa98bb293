"""Dev-server helper that creates a handful of exercises."""
import sys

from google.appengine.ext import ndb

from exercises.models import Exercise, ExerciseVideo

_SAMPLE = [
    ('addition_1', 'Addition 1', [], 'numeric'),
    ('subtraction_1', 'Subtraction 1', ['addition_1'], 'numeric'),
    ('fractions_intro', 'Intro to fractions', ['subtraction_1'],
     'multiple_choice'),
    ('word_problems', 'Word problems', ['addition_1'], 'free_response'),
]


def seed_exercises():
    entities = []
    for i, (name, display, prereqs, grader) in enumerate(_SAMPLE):
        entities.append(Exercise(id=name, name=name, display_name=display,
                                 prerequisites=prereqs, grader=grader,
                                 live=True, v_position=i))
    keys = ndb.put_multi(entities)
    print "seeded %d exercises" % len(keys)
    return keys


def link_video(exercise_name, youtube_id):
    link = ExerciseVideo(exercise=ndb.Key(Exercise, exercise_name),
                         video=ndb.Key('YouTubeVideo', youtube_id))
    link.put()
    return link


if __name__ == '__main__':
    seed_exercises()
    if len(sys.argv) > 2:
        link_video(sys.argv[1], sys.argv[2])
