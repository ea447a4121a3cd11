"""The directory engine test's program: a realm, two identities and a group whose members
and names come from stack settings."""

import pulumi

from pulumi_beyondidentity import Group, Identity, Realm

config = pulumi.Config()
realm = Realm("realm", display_name="Directory")
people = {
    username: Identity(
        username,
        realm_id=realm.id,
        display_name=config.get(f"{username}Name") or username.title(),
        username=username,
        primary_email_address=f"{username}@example.com",
    )
    for username in ("alice", "bob")
}
members = [name for name in (config.get("members") or "").split(",") if name]
group = Group(
    "pilots",
    realm_id=realm.id,
    display_name="Pilots",
    description=config.get("groupDescription"),
    members=[people[name].id for name in members],
)
pulumi.export("realmId", realm.id)
pulumi.export("groupId", group.id)
pulumi.export("identityIds", {name: person.id for name, person in people.items()})
