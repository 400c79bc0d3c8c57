from django.urls import path



app_name = "places"

urlpatterns: list = []
