"""WSGI entry point.  Handlers are named by dotted path and imported lazily
by webapp2 on first use, so this module imports almost nothing."""
import webapp2

from shared import config

R = webapp2.Route

routes = [
    # content
    R('/', 'content.handlers.topic_page.HomePage'),
    R('/topic/<topic_slug>', 'content.handlers.topic_page.TopicPage'),
    R('/video/<slug>', 'content.handlers.video.VideoPage'),
    R('/video/<slug>/progress', 'content.handlers.video.VideoProgressHandler',
      methods=['POST']),
    R('/article/<slug>', 'content.handlers.article.ArticlePage'),
    R('/admin/content/publish', 'content.handlers.admin.PublishPage'),
    R('/admin/content/video/<youtube_id>', 'content.handlers.admin.EditVideoPage'),

    # users
    R('/login', 'users.handlers.LoginPage'),
    R('/postlogin', 'users.handlers.PostLoginHandler'),
    R('/logout', 'users.handlers.LogoutPage'),
    R('/profile/<username>', 'users.handlers.ProfilePage'),

    # exercises
    R('/exercise/<name>', 'exercises.handlers.ExercisePage'),
    R('/exercise/<name>/attempt', 'exercises.handlers.AttemptHandler',
      methods=['POST']),
    R('/exercise/<name>/hint', 'exercises.handlers.HintHandler',
      methods=['POST']),

    # progress
    R('/progress', 'progress.handlers.ProgressPage'),
    R('/badges', 'progress.handlers.BadgesPage'),

    # notifications
    R('/notifications', 'notifications.handlers.NotificationsPage'),
    R('/notifications/mark-read', 'notifications.handlers.MarkReadHandler'),
    R('/notifications/unsubscribe',
      'notifications.unsubscribe.UnsubscribeHandler'),

    # coaches
    R('/coach', 'coaches.handlers.dashboard.DashboardPage'),
    R('/coach/students', 'coaches.handlers.students.StudentsPage'),
    R('/coach/students/remove', 'coaches.handlers.students.RemoveStudentHandler'),
    R('/coach/requests', 'coaches.handlers.requests_page.RequestsPage'),
    R('/coach/report/<list_id>', 'coaches.handlers.class_report.ClassReportPage'),
    R('/coach/export.csv', 'coaches.exports.ExportStudentsHandler'),

    # api
    R('/api/v1/user', 'api.v1.users.UserApi'),
    R('/api/v1/user/username', 'api.v1.users.UsernameApi'),
    R('/api/v1/user/token', 'api.v1.users.ApiTokenApi'),
    R('/api/v1/user/progress', 'api.v1.progress.ProgressApi'),
    R('/api/v1/user/badges', 'api.v1.progress.BadgesApi'),
    R('/api/v1/topictree', 'api.v1.content.TopicTreeApi'),
    R('/api/v1/videos/<readable_id>', 'api.v1.content.VideoApi'),
    R('/api/v1/search', 'api.v1.content.SearchApi'),
    R('/api/v1/exercises', 'api.v1.exercises.ExerciseListApi'),
    R('/api/v1/exercises/<name>/attempt', 'api.v1.exercises.AttemptApi'),
    R('/api/v1/coach/lists', 'api.v1.coaches.StudentListsApi'),
    R('/api/v1/coach/lists/<list_id>/report', 'api.v1.coaches.ClassReportApi'),
    R('/api/v1/notifications', 'api.v1.notifications.NotificationsApi'),
    R('/api/v1/notifications/settings',
      'api.v1.notifications.NotificationSettingsApi'),

    # cron
    R('/cron/users/cleanup', 'users.cron.CleanupPhantomsCron'),
    R('/cron/users/backfill-emails', 'users.cron.BackfillEmailsCron'),
    R('/cron/content/reindex', 'content.cron.ReindexCron'),
    R('/cron/content/youtube-sync', 'content.cron.YouTubeSyncCron'),
    R('/cron/exercises/purge-logs', 'exercises.cron.PurgeOldProblemLogsCron'),
    R('/cron/progress/streak-badges', 'progress.cron.StreakBadgesCron'),
    R('/cron/progress/reset-streaks', 'progress.cron.ResetStaleStreaksCron'),
    R('/cron/notifications/digest', 'notifications.digest.DigestCron'),
    R('/cron/notifications/purge', 'notifications.cron.PurgeReadNotificationsCron'),
    R('/cron/coaches/expire-requests', 'coaches.cron.ExpireCoachRequestsCron'),
]

app = webapp2.WSGIApplication(routes, debug=config.is_dev_server())
