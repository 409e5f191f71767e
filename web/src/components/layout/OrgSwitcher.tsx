import { Badge, Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../../hooks/useSession';

/** The organisations of the signed-in user; switching keeps the section (systems, vendors …) but not the record. */
/** In the header on wide screens; in the navigation drawer on phones. */
export function OrgSwitcher({ currentSlug, placement = 'header' }: { currentSlug: string; placement?: 'header' | 'navbar' }) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const organisations = session?.organisations ?? [];
  if (organisations.length === 0) return null;

  const onChange = (slug: string | null) => {
    if (!slug || slug === currentSlug) return;
    const section = location.pathname.split('/')[3] ?? 'systems';
    const keep = ['systems', 'vendors', 'import', 'audit', 'settings'].includes(section) ? section : 'systems';
    void navigate(`/o/${slug}/${keep === 'settings' ? 'settings/tokens' : keep}`);
  };

  const current = organisations.find((o) => o.slug === currentSlug);
  return (
    <Group gap={6} wrap="nowrap" {...(placement === 'header' ? { visibleFrom: 'xs' } : { hiddenFrom: 'xs', mb: 'sm' })}>
      {current?.isDemo && (
        <Badge
          color="yellow"
          variant="light"
          {...(placement === 'header' ? { visibleFrom: 'md' } : {})}
          data-testid={`demo-badge-${placement}`}
        >
          {t('common.demo')}
        </Badge>
      )}
      <Select
        size="xs"
        w={placement === 'header' ? 260 : '100%'}
        aria-label={t('header.switchOrg')}
        data-testid={placement === 'header' ? 'org-switcher' : 'org-switcher-mobile'}
        value={currentSlug}
        allowDeselect={false}
        onChange={onChange}
        data={organisations.map((o) => ({ value: o.slug, label: o.name }))}
        comboboxProps={{ withinPortal: true }}
      />
    </Group>
  );
}
