# Login failures are counted by django-axes in the cache now (docs/adr/0040).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_sessions_and_login_failures'),
    ]

    operations = [
        migrations.DeleteModel(
            name='LoginFailure',
        ),
    ]
