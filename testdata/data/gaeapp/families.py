# The shapes real App Engine code writes and reads entities in (issue 12), each annotated.
from google.appengine.ext import ndb

from gaeapp import models
from gaeapp.models import Issue, Patch, PatchSet, Message


def generator_arguments(issue):
    tbd = [issue]
    for cls in [PatchSet, Patch]:
        tbd += cls.query(ancestor=issue.key)  # data: read gaeapp.models.PatchSet ; read gaeapp.models.Patch
    ndb.delete_multi(entity.key for entity in tbd)  # data: write gaeapp.models.Issue inferred ; write gaeapp.models.PatchSet ; write gaeapp.models.Patch


def puts_from_a_generator(subjects):
    ndb.put_multi(Issue(subject=s) for s in subjects)  # data: write gaeapp.models.Issue


def helper_built(issue):
    msg = models.new_message(issue, 'me')
    msg.put()  # data: write gaeapp.models.Message inferred


def key_helpers(issue_id, task_id):
    issue = models.issue_key(issue_id).get()  # data: read gaeapp.models.Issue inferred
    summary = models.summary_key(task_id).get()  # data: read gaeapp.models.TaskResultSummary inferred
    models.issue_key(issue_id).delete()  # data: write gaeapp.models.Issue inferred
    return issue, summary


def key_names(patchset):
    k = ndb.Key('Message', 7)  # data: reference gaeapp.models.Message
    msg = k.get()  # data: read gaeapp.models.Message
    issue = patchset.issue_key.get()  # data: read gaeapp.models.Issue inferred
    return msg, issue


def key_parameters(to_run_key, result_summary_key):
    to_run_future = to_run_key.get_async()  # data: read gaeapp.models.TaskToRun inferred
    summary = result_summary_key.get()  # data: read gaeapp.models.TaskResultSummary inferred
    to_run = to_run_future.get_result()
    to_run.queue_number = None
    ndb.put_multi([to_run, summary])  # data: write gaeapp.models.TaskToRun inferred ; write gaeapp.models.TaskResultSummary inferred


def attribute_receivers(request):
    request.issue.closed = True
    request.issue.put()  # data: write gaeapp.models.Issue inferred


def or_binding(issue_id):
    issue = Issue.get_by_id(issue_id) or Issue(id=issue_id)  # data: read gaeapp.models.Issue
    issue.put()  # data: write gaeapp.models.Issue


def concatenated_and_values(patches, issue):
    by_name = {}
    for p in patches:
        by_name[p.filename] = p
    ndb.put_multi(by_name.values())  # data: write gaeapp.models.Patch inferred
    ndb.put_multi(list(patches) + [issue])  # data: write gaeapp.models.Patch inferred ; write gaeapp.models.Issue inferred


def pages(cursor):
    items, cursor, more = Patch.query().fetch_page(20, start_cursor=cursor)  # data: read gaeapp.models.Patch
    ndb.delete_multi([i.key for i in items])  # data: write gaeapp.models.Patch


def branches(draft, issue):
    if draft is None:
        msg = Message(sender='me')
    else:
        msg = draft
    msg.put()  # data: write gaeapp.models.Message


class Handler(object):
    def fetch_base(self):
        return Patch.query().get()  # data: read gaeapp.models.Patch

    def post(self):
        content = self.fetch_base()
        content.put()  # data: write gaeapp.models.Patch inferred


def _make_counter_cls(name):
    class Counter(ndb.Model):  # model Counter
        count = ndb.IntegerProperty()
    return Counter


class Stats(object):
    def __init__(self):
        self.counter_cls = _make_counter_cls('hits')

    def bump(self, day):
        self.counter_cls.get_or_insert(day)  # data: write gaeapp.families._make_counter_cls.Counter inferred
        c = self.counter_cls(id=day, count=1)
        c.put()  # data: write gaeapp.families._make_counter_cls.Counter inferred


class EntityHandler(object):
    entity_kind = None


class IssueHandler(EntityHandler):
    entity_kind = models.Issue

    @classmethod
    def do_create(cls, entity):
        entity.put()  # data: write gaeapp.models.Issue inferred


def loop_over_a_list(issue):
    tbd = [issue]
    tbd.append(Message(sender='x'))
    for obj in tbd:
        obj.put()  # data: write gaeapp.models.Issue inferred ; write gaeapp.models.Message


def either_class(day, cursor):
    cls = (models.Issue if day else models.Patch)
    batch, cursor, more = cls.query().fetch_page(10, start_cursor=cursor)  # data: read gaeapp.models.Issue ; read gaeapp.models.Patch
    ndb.delete_multi(batch)  # data: write gaeapp.models.Issue ; write gaeapp.models.Patch


def no_key_reads(issue_data, patches):
    patches.objects = []
    return issue_data.get('subject'), issue_data.get('closed', False)


def expire(to_run_key):
    current = yield to_run_key.get_async()  # data: read gaeapp.models.TaskToRun inferred
    yield current.key.delete_async()  # data: write gaeapp.models.TaskToRun inferred


def closures(issue_id):
    k = models.issue_key(issue_id)

    def fetch():
        return k.get()  # data: read gaeapp.models.Issue inferred
    return fetch


def appended_then_rebound():
    to_put = []
    entity = Issue(subject='new')
    to_put.append(entity)
    for entity in Patch.query():  # data: read gaeapp.models.Patch
        entity.filename = None
    ndb.put_multi(to_put)  # data: write gaeapp.models.Issue


def parents(message_id):
    message = Message.get_by_id(message_id)  # data: read gaeapp.models.Message
    issue_key = message.key.parent()
    drafts = Message.query().fetch(keys_only=True)  # data: read gaeapp.models.Message
    ndb.get_multi({k.parent() for k in drafts})
    return issue_key.get()  # data: read gaeapp.models.Issue inferred


def converters(result_key):
    if result_key:
        result_key = models.run_result_key_to_result_summary_key(result_key)
    return result_key.get()  # data: read gaeapp.models.TaskResultSummary inferred


def keys_in_a_tuple(to_run_key):
    result_summary_key = models.derive_key(to_run_key)
    return ndb.get_multi((to_run_key, result_summary_key))  # data: read gaeapp.models.TaskToRun inferred ; read gaeapp.models.TaskResultSummary inferred


def properties_of_what_a_key_gives(patch):
    return patch.patchset_key.get().issue_key.get()  # data: read gaeapp.models.PatchSet inferred ; read gaeapp.models.Issue inferred


def dict_values(names):
    existing = {p.key.id(): p for p in Patch.query()}  # data: read gaeapp.models.Patch
    to_delete = []
    for p in existing.values():
        if p.filename not in names:
            to_delete.append(p)
    ndb.delete_multi(e.key for e in to_delete)  # data: write gaeapp.models.Patch


def _store(entry):
    entry.put()  # data: write gaeapp.models.Patch inferred


def store_patch(name):
    _store(Patch(filename=name))


class Uploader(object):
    def _save(self, entity):
        entity.put()  # data: write gaeapp.models.Issue inferred ; write gaeapp.models.Message inferred

    def run(self, issue_id):
        self._save(Issue(id=issue_id))
        self._save(models.new_message(None, 'me'))


def _drop(key, now=None):
    obj = key.get()  # data: read gaeapp.models.TaskToRun inferred ; read gaeapp.models.TaskResultSummary inferred
    if obj:
        key.delete()  # data: write gaeapp.models.TaskToRun inferred ; write gaeapp.models.TaskResultSummary inferred


def drop_both(run_id):
    _drop(ndb.Key(models.TaskToRun, run_id))  # data: reference gaeapp.models.TaskToRun
    _drop(key=ndb.Key('TaskResultSummary', run_id))  # data: reference gaeapp.models.TaskResultSummary


def helper_built_list(names):
    patches = models.split_patches(names)
    ndb.put_multi(patches)  # data: write gaeapp.models.Patch inferred
