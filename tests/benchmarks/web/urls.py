from django.urls import path

from knooppunt.urls import urlpatterns as project
from tests.benchmarks.web.views import baseline

urlpatterns = [path("bench/baseline/", baseline, name="bench_baseline"), *project]
