import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}

/** "Showing 51–100 of 10,000" and the page switcher. */
export function ListFooter({ total, page, pageSize, onPage }: Props) {
  const { t, i18n } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const fmt = new Intl.NumberFormat(i18n.language);
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" data-testid="list-range">
        {t('common.showing', { from: fmt.format(from), to: fmt.format(to), total: fmt.format(total) })}
      </Text>
      {pages > 1 && <Pagination total={pages} value={Math.min(page, pages)} onChange={onPage} size="sm" data-testid="pagination" />}
    </Group>
  );
}
