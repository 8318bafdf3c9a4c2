import type { ShardReport } from '../model/report.js';

/** What an empty shard says: nothing fell in it, which is fine (the other shards check the rest). */
export function emptyShardLine(shard: ShardReport): string {
  return `shard ${shard.index}/${shard.count}: no server falls in this shard (${shard.of} in all); nothing to check here`;
}
