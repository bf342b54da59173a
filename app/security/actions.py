"""Guarded actions: Flask-AppBuilder's action routes, made to refuse cleanly.

FAB answers an unknown action name with a server error and a denied action with
a redirect. Here an unknown action, or a record that does not exist, answers
404, and a denied action answers 403 before anything runs. The records an action
receives come through the view's data interface, so the row rules apply.
"""

from flask import abort, request
from flask_appbuilder import expose


class ActionGuard:
    """Mixin for model views; put it before the view class in the bases."""

    @expose("/action/<string:name>/<pk>", methods=["GET", "POST"])
    def action(self, name, pk):
        self._require_action(name, multiple=False)
        if self.datamodel.get(self._deserialize_pk_if_composite(pk)) is None:
            abort(404)
        return super().action(name, pk)

    @expose("/action_post", methods=["POST"])
    def action_post(self):
        self._require_action(request.form.get("action", ""), multiple=True)
        return super().action_post()

    def _require_action(self, name: str, multiple: bool) -> None:
        action = self.actions.get(name)
        if action is None or (multiple and not action.multiple):
            abort(404)
        permission = self.get_action_permission_name(name)
        if not self.appbuilder.sm.has_access(permission, self.class_permission_name):
            abort(403)
