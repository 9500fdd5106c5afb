import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatTable } from './stats.js';

/**
 * Where a bot process spent its time, from the .cpuprofile files `node --cpu-prof` wrote: self
 * time grouped by package (node_modules/<name>), by our own folders (src/store, dialogs, …) and by
 * Node itself, then the busiest functions.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function areaOf(url: string, functionName: string): string {
  if (!url)
    return functionName === '(garbage collector)'
      ? 'garbage collection'
      : functionName === '(idle)' || functionName === '(program)'
        ? functionName
        : 'native';
  if (url.startsWith('node:')) return 'node core';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0)
    return url
      .slice(dist + '/dist/'.length)
      .split('/')
      .slice(0, 2)
      .join('/');
  return url;
}

export async function summarizeProfiles(folder: string): Promise<string> {
  const names = (await readdir(folder).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort();
  const parts: string[] = [];
  for (const name of names) {
    const profile = JSON.parse(await readFile(path.join(folder, name), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const areas = new Map<string, number>();
    const functions = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, index) => {
      const node = byId.get(id);
      const micros = profile.timeDeltas[index] ?? 0;
      if (!node) return;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)') return;
      total += micros;
      const area = areaOf(url, functionName);
      areas.set(area, (areas.get(area) ?? 0) + micros);
      const label = `${functionName || '(anonymous)'} ${url ? `${areaOf(url, functionName)}:${lineNumber + 1}` : ''}`;
      functions.set(label, (functions.get(label) ?? 0) + micros);
    });
    const top = (map: Map<string, number>, count: number) =>
      [...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([label, micros]) => [
          label,
          `${(micros / 1000).toFixed(0)} ms`,
          `${((100 * micros) / total).toFixed(1)}%`,
        ]);
    parts.push(`${name}: ${(total / 1000).toFixed(0)} ms of CPU (idle excluded)`);
    parts.push(formatTable([['where', 'self time', 'share'], ...top(areas, 12)]));
    parts.push(formatTable([['function', 'self time', 'share'], ...top(functions, 15)]));
  }
  return parts.join('\n\n');
}
