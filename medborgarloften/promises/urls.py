app_name = "promises"

urlpatterns: list = []
