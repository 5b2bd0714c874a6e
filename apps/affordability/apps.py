from __future__ import annotations

from django.apps import AppConfig


class AffordabilityConfig(AppConfig):
    name = "apps.affordability"
    label = "affordability"
