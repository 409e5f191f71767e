import { useMemo, useState } from 'react';
import { Anchor, Badge, Box, Center, Group, Loader, Paper, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { CrosswalkLink } from '../../api/frameworks';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { BilingualText } from '../../components/frameworks/BilingualText';
import { pick, relationColor } from '../../components/frameworks/labels';
import { useOrg } from '../../hooks/useOrg';
import { useCrosswalk, useFrameworkList } from '../../hooks/useFrameworks';

/** Everything a reader might filter a link by, in both languages. */
function haystack(link: CrosswalkLink, relationLabel: string, provenanceLabel: string): string {
  return [
    link.from,
    link.to,
    link.relation,
    relationLabel,
    link.provenance,
    provenanceLabel,
    link.source,
    link.note?.en ?? '',
    link.note?.['zh-HK'] ?? '',
  ]
    .join('\n')
    .toLowerCase();
}

export function CrosswalkPage() {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const { id = '' } = useParams();
  const crosswalk = useCrosswalk(id);
  const frameworks = useFrameworkList();
  const [filter, setFilter] = useState('');

  const rows = useMemo(() => {
    const links = crosswalk.data?.links ?? [];
    const needle = filter.trim().toLowerCase();
    if (!needle) return links;
    return links.filter((l) =>
      haystack(l, t(`frameworks.relations.${l.relation}`), t(`frameworks.provenance.${l.provenance}`)).includes(needle),
    );
  }, [crosswalk.data, filter, t]);

  const titleOf = (fid: string) => {
    const fw = frameworks.data?.items.find((f) => f.id === fid);
    return fw ? pick(fw.title, i18n.language) : fid;
  };
  const back = (
    <Anchor component={Link} to={`/o/${org.slug}/frameworks`} size="sm" mb="xs" display="inline-block">
      <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {t('frameworks.backToList')}
    </Anchor>
  );

  if (crosswalk.isError) {
    const missing = crosswalk.error instanceof ApiError && crosswalk.error.status === 404;
    return (
      <>
        {back}
        <Box mt="md">
          {missing ? (
            <Text data-testid="crosswalk-not-found">{t('crosswalk.notFound')}</Text>
          ) : (
            <QueryError error={crosswalk.error} onRetry={() => void crosswalk.refetch()} />
          )}
        </Box>
      </>
    );
  }
  const cw = crosswalk.data;
  if (!cw) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  const requirementLink = (fid: string, rid: string) => (
    <Anchor
      component={Link}
      to={`/o/${org.slug}/frameworks/${encodeURIComponent(fid)}?q=${encodeURIComponent(rid)}`}
      ff="monospace"
      size="sm"
      fw={600}
    >
      {rid}
    </Anchor>
  );

  return (
    <>
      {back}
      <PageHeader title={pick(cw.title, i18n.language)} intro={t('crosswalk.intro')} />
      <Paper withBorder radius="md" p="xs">
        <Group justify="space-between" align="flex-end" px="xs" pb="xs" wrap="wrap">
          <TextInput
            label={t('crosswalk.filterLabel')}
            placeholder={t('crosswalk.filterPlaceholder')}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            leftSection={<IconSearch size={16} />}
            w={{ base: '100%', sm: 420 }}
            data-testid="crosswalk-filter"
          />
          <Text size="sm" fw={500} data-testid="crosswalk-shown" data-count={rows.length}>
            {t('crosswalk.shown', { shown: rows.length, total: cw.links.length })}
          </Text>
        </Group>
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="crosswalk-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  {t('crosswalk.columns.from')}
                  <Text size="xs" c="dimmed" fw={400}>
                    {titleOf(cw.from)}
                  </Text>
                </Table.Th>
                <Table.Th>
                  {t('crosswalk.columns.to')}
                  <Text size="xs" c="dimmed" fw={400}>
                    {titleOf(cw.to)}
                  </Text>
                </Table.Th>
                <Table.Th>{t('crosswalk.columns.relation')}</Table.Th>
                <Table.Th>{t('crosswalk.columns.provenance')}</Table.Th>
                <Table.Th>{t('crosswalk.columns.source')}</Table.Th>
                <Table.Th>{t('crosswalk.columns.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((l) => (
                <Table.Tr key={`${l.from}→${l.to}`} data-testid="crosswalk-row">
                  <Table.Td>{requirementLink(cw.from, l.from)}</Table.Td>
                  <Table.Td>{requirementLink(cw.to, l.to)}</Table.Td>
                  <Table.Td>
                    <Tooltip label={t(`frameworks.relationHelp.${l.relation}`)} withArrow>
                      <Badge variant="light" color={relationColor[l.relation]}>
                        {t(`frameworks.relations.${l.relation}`)}
                      </Badge>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      size="sm"
                      variant={l.provenance === 'published' ? 'filled' : 'outline'}
                      color={l.provenance === 'published' ? 'green' : 'gray'}
                      data-provenance={l.provenance}
                    >
                      {t(`frameworks.provenance.${l.provenance}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{l.source}</Text>
                  </Table.Td>
                  <Table.Td>{l.note ? <BilingualText value={l.note} size="xs" /> : <Text size="xs">{t('common.none')}</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {rows.length === 0 && (
          <Text c="dimmed" ta="center" py="xl" data-testid="crosswalk-empty">
            {t('crosswalk.empty')}
          </Text>
        )}
      </Paper>
    </>
  );
}
