from django.db import models


class IndexBacklog(models.Model):
    """A search-index write that failed after its database commit, waiting to be retried.

    The records were saved; only their documents are out of date. Every later index write
    retries the backlog first, and `manage.py retry_index_backlog` retries it on demand.
    """

    class Action(models.TextChoices):
        REFRESH = "refresh", "Re-index the record"
        REMOVE = "remove", "Remove the document"

    action = models.CharField(max_length=10, choices=Action.choices)
    model = models.CharField(max_length=100, help_text="The record's model label.")
    key = models.CharField(max_length=200, help_text="Primary key (refresh) or document id (remove).")
    queued = models.DateTimeField(auto_now_add=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["queued", "pk"]
        verbose_name = "search index backlog entry"
        verbose_name_plural = "search index backlog"
        constraints = [
            models.UniqueConstraint(fields=["action", "model", "key"],
                                    name="index_backlog_unique_entry"),
            models.CheckConstraint(condition=models.Q(action__in=["refresh", "remove"]),
                                   name="index_backlog_action_valid"),
        ]

    def __str__(self):
        return f"{self.action} {self.model} {self.key}"
