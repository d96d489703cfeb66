"""rebuild_index that never empties the live index (replaces haystack's)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from haystack import connections


class Command(BaseCommand):
    help = (
        "Rebuild the search index in place: every record is re-indexed (replacing its old "
        "document) and documents whose record no longer exists are removed at the end, so "
        "searches keep answering, with complete results, throughout. If the index's fields "
        "changed, the index is recreated first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="Accepted for compatibility with haystack's command; never asks.")
        parser.add_argument("-b", "--batch-size", dest="batchsize", type=int, default=None)
        parser.add_argument("-u", "--using", default="default")

    def handle(self, *args, using="default", batchsize=None, verbosity=1, **options):
        backend = connections[using].get_backend()
        if hasattr(backend, "rebuild"):  # engines with an atomic rebuild of their own
            self.rebuild(backend, using, verbosity)
            return
        backend.setup()
        index_fields = set(backend.index.schema.names()) if hasattr(backend, "index") else set()
        if hasattr(backend, "schema") and index_fields != set(backend.schema.names()):
            self.stdout.write("The index's fields changed: recreating it.")
            backend.clear()
        update = {"verbosity": verbosity, "using": [using]}
        if batchsize:
            update["batchsize"] = batchsize
        call_command("update_index", **update)
        removed = remove_stale_documents(using)
        self.stdout.write(f"Removed {removed} document(s) of records that no longer exist.")
        if hasattr(backend, "write_lock"):
            with backend.write_lock():  # one segment: fewer files for every search to open
                backend.index.refresh().optimize()
            self.stdout.write("Merged the index into one segment.")
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))


    def rebuild(self, backend, using, verbosity):
        unified = connections[using].get_unified_index()
        indexes = [unified.get_index(model) for model in unified.get_indexed_models()]

        def progress(model, done):
            if verbosity:
                self.stdout.write(f"  {model._meta.verbose_name_plural}: {done} indexed")

        count = backend.rebuild(indexes, progress)
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} documents."))


def remove_stale_documents(using="default"):
    """Delete index documents whose record is gone; returns how many."""
    from haystack.constants import DJANGO_CT
    from haystack.utils import get_model_ct

    backend = connections[using].get_backend()
    if not hasattr(backend, "searcher"):
        return 0
    unified = connections[using].get_unified_index()
    searcher = backend.searcher()
    stale = []
    for model in unified.get_indexed_models():
        index = unified.get_index(model)
        live = {str(pk) for pk in index.index_queryset(using=using).values_list("pk", flat=True)}
        for fields in searcher.documents(**{DJANGO_CT: get_model_ct(model)}):
            if fields["django_id"] not in live:
                stale.append(fields["id"])
    backend.remove_many(stale)
    return len(stale)
