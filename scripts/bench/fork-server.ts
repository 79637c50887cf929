// A bench server in a process of its own, so that its work is never timed as the client's: the
// script sends its port over IPC once it listens.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type ForkedServer = { baseUrl: string; port: number; child: ChildProcess };

export async function forkServer(script: URL, env: Record<string, string> = {}): Promise<ForkedServer> {
  const child = fork(fileURLToPath(script), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(Number(m)));
    child.once('exit', (code) => reject(new Error(`bench server ${fileURLToPath(script)} exited with ${code}`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, port, child };
}
