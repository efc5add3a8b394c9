import { Table, Text } from '@mantine/core';

/** A table's one row saying it has nothing to show, across all `columns`. */
export function EmptyRow({ columns, children }: { columns: number; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={columns}>
        <Text c="dimmed">{children}</Text>
      </Table.Td>
    </Table.Tr>
  );
}
