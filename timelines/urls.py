app_name = "timelines"

# Filled in by the notification centre, preferences, unsubscribe and calendar feed views.
urlpatterns: list = []
