"""Import pages (owned by the imports work; names are namespaced under backoffice:)."""

urlpatterns: list = []
