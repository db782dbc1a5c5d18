"""The staff menu in Terroir's header (templates/includes/staff_nav.html): 我的工作 with the count
of open tasks, 待审批 for leads, the case lists, supervision, statistics, the register and the
notifications. Nothing in it leads into viewflow's Material lists.

Built once per page, only when the page draws it (a context processor's lazy value): the user's
memberships in one query and the counts of 我的工作 in another (shared with the page itself).
Layers above add their own entries (reports: its statistics and dashboard) to EXTRA_LINKS from
their AppConfig.ready, as they add their flows to workflows.registry.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.urls import reverse
from django.utils.translation import gettext as _

from organizations.models import Membership, Role
from organizations.selectors import active_memberships, is_staff_member

from .my_work.selectors import APPROVALS, work_counts
from .register_import.actions import import_prefixes_of

# Kept on the request's user: the menu, 我的工作 and its filters ask for them.
_MEMBERSHIPS = "_terroir_staff_memberships"


def staff_memberships(user) -> list[Membership]:
    """The user's active memberships with their bodies and regions: one query per request."""
    memberships = getattr(user, _MEMBERSHIPS, None)
    if memberships is None:
        memberships = list(active_memberships(user))
        setattr(user, _MEMBERSHIPS, memberships)
    return memberships


def leads_a_body(user) -> bool:
    """A lead approves; the superuser may take any task, approvals included."""
    return user.is_superuser or any(m.role == Role.LEAD for m in staff_memberships(user))


@dataclass
class MenuItem:
    title: str
    url: str = ""
    count: int | None = None
    current: bool = False
    unread_notifications: bool = False  # its count is the page's own (notifications.context_processors)
    children: list["MenuItem"] = field(default_factory=list)

    @property
    def has_sections(self) -> bool:
        """A group some of whose entries are headings over links of their own (the programme's)."""
        return any(child.children for child in self.children)


# Entries from the layers above, after 监督检查: each takes the user and their memberships and
# returns an item, or None when the user has no use for it.
EXTRA_LINKS: list[Callable[..., MenuItem | None]] = []

# The same, for the promotion programme's records (special marks, the agreement lists, publicity,
# zones, brands, rural revitalisation): gathered in one group, 运用促进, so that the header keeps to
# one line on a 1280-pixel screen whoever has them all. An entry with links of its own becomes a
# heading with its links inside the group: one level of disclosure, no nested menus.
PROGRAMME_LINKS: list[Callable[..., MenuItem | None]] = []


def _leaves(items: list[MenuItem]) -> list[MenuItem]:
    return [leaf for item in items for leaf in (_leaves(item.children) if item.children else [item])]


def _mark_current(request, items: list[MenuItem]) -> None:
    """The entry whose address is the longest start of the page's: /reports/dashboard/ is the
    dashboard's, not the statistics list's at /reports/. Its group (and section) are marked too."""
    leaves = [leaf for leaf in _leaves(items) if leaf.url and "?" not in leaf.url]
    path = request.path
    matching = [leaf for leaf in leaves if path == leaf.url or (leaf.url != "/" and path.startswith(leaf.url))]
    if matching:
        max(matching, key=lambda leaf: len(leaf.url)).current = True

    def propagate(item: MenuItem) -> bool:
        item.current = any([propagate(child) for child in item.children]) or item.current
        return item.current

    for item in items:
        propagate(item)


def _programme(user, memberships) -> MenuItem | None:
    """The programme's entries this user has: one group, or the entry alone when there is one."""
    entries = [item for link in PROGRAMME_LINKS if (item := link(user, memberships)) is not None]
    if len(entries) == 1:
        return entries[0]
    entries.sort(key=lambda entry: bool(entry.children))  # the single links first, then the sections
    return MenuItem(_("GI promotion programme"), children=entries) if entries else None


def staff_menu(request) -> list[MenuItem]:
    """The items of the staff menu for the request's user; empty for anyone but staff."""
    user = request.user
    if not (user.is_authenticated and is_staff_member(user)):
        return []
    memberships = staff_memberships(user)
    counts = work_counts(user)
    my_work = reverse("my_work:list")
    items = [MenuItem(_("My work"), my_work, count=counts.total)]
    if leads_a_body(user):
        showing_approvals = request.path == my_work and request.GET.get("show") == APPROVALS
        items.append(
            MenuItem(_("Approvals"), f"{my_work}?show={APPROVALS}", count=counts.approvals, current=showing_approvals)
        )
    if any(m.role == Role.EXPERT for m in memberships):
        items.append(MenuItem(_("Your technical reviews"), reverse("applications:reviews")))
    cases = [
        # Every kind at once, by number, party, credit code or product (workflows/case_search).
        MenuItem(_("Find a case"), reverse("case_search:index")),
        MenuItem(_("Protection applications"), reverse("applications:list")),
        MenuItem(_("Enforcement cases"), reverse("enforcement:list")),
        # What the office knows of each protected product, and how complete it is (ADR 0058).
        MenuItem(_("Product archives"), reverse("archives:list")),
    ]
    items.append(MenuItem(_("Case lists"), children=cases))
    if user.is_superuser or any(m.role in (Role.INSPECTOR, Role.LEAD) for m in memberships):
        # Inspectors and leads declare conflicts of interest (ADR 0046): an entry of their own.
        supervision = [
            MenuItem(_("Supervision campaigns"), reverse("supervision:list")),
            MenuItem(_("Conflicts of interest"), reverse("supervision:conflicts")),
        ]
        items.append(MenuItem(_("Supervision"), children=supervision))
    else:
        items.append(MenuItem(_("Supervision"), reverse("supervision:list")))
    if user.is_superuser or import_prefixes_of(memberships):
        items.append(MenuItem(_("Import a register"), reverse("register_import:index")))
    for extra in EXTRA_LINKS:
        item = extra(user, memberships)
        if item is not None:
            items.append(item)
    programme = _programme(user, memberships)
    if programme is not None:
        items.append(programme)
    items.append(MenuItem(_("Public register"), reverse("register:home")))
    items.append(MenuItem(_("Notifications"), reverse("notifications:list"), unread_notifications=True))
    if not any(item.current for item in items):
        _mark_current(request, items)
    return items


def staff_navigation(request) -> dict:
    """Context processor: `staff_menu`, read only if the page draws it (Material pages do not)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"staff_menu": cache(lambda: staff_menu(request))}
