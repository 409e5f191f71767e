import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../../hooks/useSession';

/** The organisations of the signed-in user; switching keeps the section (systems, vendors …) but not the record. */
export function OrgSwitcher({ currentSlug }: { currentSlug: string }) {
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

  return (
    <Select
      size="xs"
      w={220}
      visibleFrom="xs"
      aria-label={t('header.switchOrg')}
      data-testid="org-switcher"
      value={currentSlug}
      allowDeselect={false}
      onChange={onChange}
      data={organisations.map((o) => ({ value: o.slug, label: o.isDemo ? `${o.name} (${t('common.demo')})` : o.name }))}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
