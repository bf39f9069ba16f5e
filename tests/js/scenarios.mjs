// Drives @supabase/supabase-js (unchanged, as a front end would) against the local stack.
//
// Usage: node scenarios.mjs <auth|tables|storage|profiles|postgrest>
// Environment: SUPABASE_URL, SUPABASE_ANON_KEY, RUN_ID (unique per run, used in e-mails and
// names), plus what a scenario needs (TABLE_*, BUCKET_*). The tables and buckets are made by
// tests/test_supabase_js.py; this script only observes what the client returns and prints one
// JSON line, which the Python side checks together with the database. Any thrown error exits 1.

import { AuthApiError, createClient } from '@supabase/supabase-js'

const PASSWORD = 'correct horse battery staple'

function env(name) {
  const value = process.env[name]
  if (!value) throw new Error(`environment variable ${name} is required`)
  return value
}

// Node 20 has no global WebSocket and these scenarios never subscribe; realtime-js only
// needs a transport class to exist, so give it one that refuses to connect.
class NoRealtime {
  constructor() {
    throw new Error('realtime is not used by these tests')
  }
}

function newClient() {
  return createClient(env('SUPABASE_URL'), env('SUPABASE_ANON_KEY'), {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoRealtime },
  })
}

function email(label) {
  return `js-${label}-${env('RUN_ID')}@example.test`
}

/** A plain, JSON-friendly view of a supabase-js error (or null). */
function describeError(error) {
  if (!error) return null
  return {
    name: error.name,
    code: error.code ?? null,
    status: error.status ?? null,
    statusCode: error.statusCode ?? null,
    message: error.message,
    isAuthApiError: error instanceof AuthApiError,
  }
}

/** Signs a new user up (metadata optional) and returns a client holding their session. */
async function signedUpClient(label, data = {}) {
  const client = newClient()
  const { data: result, error } = await client.auth.signUp({
    email: email(label),
    password: PASSWORD,
    options: { data },
  })
  if (error) throw new Error(`sign-up of ${label} failed: ${error.message}`)
  if (!result.session) throw new Error(`sign-up of ${label} returned no session`)
  return { client, id: result.user.id, session: result.session }
}

/** Awaits a query builder and keeps what the test needs from its response. */
async function outcome(query) {
  const { data, error, count, status } = await query
  return { data: data ?? null, error: describeError(error), count: count ?? null, status }
}

function sameBytes(a, b) {
  return a.length === b.length && a.every((value, index) => value === b[index])
}

// Scenarios ------------------------------------------------------------------------------

async function auth() {
  const result = {}
  const address = email('auth')

  const signUpClient = newClient()
  const signUp = await signUpClient.auth.signUp({
    email: address,
    password: PASSWORD,
    options: { data: { full_name: 'Ada JS', plan: 'free' } },
  })
  result.signUp = {
    error: describeError(signUp.error),
    userId: signUp.data.user?.id ?? null,
    email: signUp.data.user?.email ?? null,
    metadata: signUp.data.user?.user_metadata ?? null,
    hasSession: Boolean(signUp.data.session?.access_token && signUp.data.session?.refresh_token),
  }
  const signUpSession = signUp.data.session

  const client = newClient()
  const signIn = await client.auth.signInWithPassword({ email: address, password: PASSWORD })
  result.signIn = {
    error: describeError(signIn.error),
    userId: signIn.data.user?.id ?? null,
    tokenType: signIn.data.session?.token_type ?? null,
    expiresIn: signIn.data.session?.expires_in ?? null,
    hasRefreshToken: Boolean(signIn.data.session?.refresh_token),
  }
  const firstSession = signIn.data.session

  const getUser = await client.auth.getUser()
  result.getUser = {
    error: describeError(getUser.error),
    userId: getUser.data.user?.id ?? null,
    email: getUser.data.user?.email ?? null,
    metadata: getUser.data.user?.user_metadata ?? null,
  }

  const update = await client.auth.updateUser({ data: { plan: 'pro', theme: 'dark' } })
  result.updateUser = {
    error: describeError(update.error),
    metadata: update.data.user?.user_metadata ?? null,
  }

  const refresh = await client.auth.refreshSession()
  const refreshedSession = refresh.data.session
  result.refresh = {
    error: describeError(refresh.error),
    newRefreshToken: Boolean(refreshedSession && refreshedSession.refresh_token !== firstSession.refresh_token),
    newAccessToken: Boolean(refreshedSession && refreshedSession.access_token !== firstSession.access_token),
    sameUser: refresh.data.user?.id === signIn.data.user?.id,
  }
  const afterRefresh = await client.auth.getUser()
  result.getUserAfterRefresh = {
    error: describeError(afterRefresh.error),
    metadata: afterRefresh.data.user?.user_metadata ?? null,
  }

  const reused = await newClient().auth.refreshSession({ refresh_token: firstSession.refresh_token })
  result.reuseOldRefreshToken = { error: describeError(reused.error), hasSession: Boolean(reused.data.session) }

  const wrongPassword = await newClient().auth.signInWithPassword({ email: address, password: 'not the password' })
  result.wrongPassword = { error: describeError(wrongPassword.error), hasSession: Boolean(wrongPassword.data.session) }

  const duplicate = await newClient().auth.signUp({ email: address, password: PASSWORD })
  result.duplicateSignUp = { error: describeError(duplicate.error), hasUser: Boolean(duplicate.data.user) }

  // signOut defaults to scope 'global': every session of the user ends, not only this one.
  const signOut = await signUpClient.auth.signOut()
  const sessionAfterSignOut = await signUpClient.auth.getSession()
  result.signOut = {
    error: describeError(signOut.error),
    clientForgotSession: sessionAfterSignOut.data.session === null,
  }
  const staleAccess = await newClient().auth.getUser(signUpSession.access_token)
  result.getUserWithSignedOutToken = { error: describeError(staleAccess.error) }
  const staleRefresh = await newClient().auth.refreshSession({ refresh_token: signUpSession.refresh_token })
  result.refreshSignedOutSession = { error: describeError(staleRefresh.error) }
  return result
}

async function tables() {
  const notes = env('TABLE_NOTES')
  const tags = env('TABLE_TAGS')
  const countFn = env('RPC_COUNT')
  const alice = await signedUpClient('tables-a')
  const bob = await signedUpClient('tables-b')
  const anon = newClient()
  const a = alice.client
  const b = bob.client
  const result = { aliceId: alice.id, bobId: bob.id }

  result.insertMany = await outcome(
    a
      .from(notes)
      .insert([
        { slug: 'alpha', title: 'Alpha plan', tag: 'work' },
        { slug: 'beta', title: 'Beta notes', tag: 'home' },
        { slug: 'gamma', title: 'GAMMA ray', tag: 'work' },
      ])
      .select('id, slug, owner')
      .order('slug'),
  )
  result.insertSingle = await outcome(
    a.from(notes).insert({ slug: 'delta', title: 'Delta', tag: 'misc' }).select().single(),
  )
  const alpha = result.insertMany.data.find((row) => row.slug === 'alpha')
  result.insertTags = await outcome(
    a
      .from(tags)
      .insert([
        { note_id: alpha.id, label: 'urgent' },
        { note_id: alpha.id, label: 'q3' },
      ])
      .select('label, owner'),
  )

  result.eq = await outcome(a.from(notes).select('slug').eq('tag', 'work').order('slug'))
  result.in = await outcome(a.from(notes).select('slug').in('slug', ['beta', 'delta', 'nope']).order('slug'))
  result.ilike = await outcome(a.from(notes).select('slug').ilike('title', '%a%ray%'))
  result.or = await outcome(a.from(notes).select('slug').or('slug.eq.alpha,tag.eq.misc').order('slug'))
  result.orderRange = await outcome(a.from(notes).select('slug').order('slug', { ascending: false }).range(1, 2))
  result.countHead = await outcome(a.from(notes).select('*', { count: 'exact', head: true }))
  result.embedded = await outcome(
    a.from(notes).select(`slug, ${tags}(label)`).eq('slug', 'alpha').order('label', { referencedTable: tags }),
  )
  result.maybeSingleNone = await outcome(a.from(notes).select('slug').eq('slug', 'missing').maybeSingle())
  result.maybeSingleOne = await outcome(a.from(notes).select('slug, title').eq('slug', 'beta').maybeSingle())
  result.singleNone = await outcome(a.from(notes).select('slug').eq('slug', 'missing').single())
  result.duplicateInsert = await outcome(a.from(notes).insert({ slug: 'alpha', title: 'again' }))

  result.update = await outcome(a.from(notes).update({ title: 'Beta, revised' }).eq('slug', 'beta').select('id, title'))
  result.upsertExisting = await outcome(
    a.from(notes).upsert({ slug: 'gamma', title: 'Gamma upserted', tag: 'work' }, { onConflict: 'owner,slug' }).select('id, slug, title'),
  )
  result.upsertNew = await outcome(
    a.from(notes).upsert({ slug: 'epsilon', title: 'Epsilon', tag: 'home' }, { onConflict: 'owner,slug' }).select('slug, owner'),
  )
  result.gammaId = result.insertMany.data.find((row) => row.slug === 'gamma').id
  result.rpc = await outcome(a.rpc(countFn, { p_tag: 'work' }))
  result.deleteOwn = await outcome(a.from(notes).delete().eq('slug', 'delta').select('slug'))

  // Bob may not see, change or delete Alice's rows, nor write rows in her name.
  result.bobSelect = await outcome(b.from(notes).select('id'))
  result.bobCount = await outcome(b.from(notes).select('*', { count: 'exact', head: true }))
  result.bobSingle = await outcome(b.from(notes).select('id').eq('id', alpha.id).single())
  result.bobTags = await outcome(b.from(tags).select('label'))
  result.bobUpdate = await outcome(b.from(notes).update({ title: 'hacked' }).eq('id', alpha.id).select())
  result.bobDelete = await outcome(b.from(notes).delete({ count: 'exact' }).eq('id', alpha.id))
  result.bobInsertAsAlice = await outcome(b.from(notes).insert({ slug: 'forged', title: 'x', owner: alice.id }))
  result.bobRpc = await outcome(b.rpc(countFn, { p_tag: 'work' }))
  result.bobOwn = await outcome(b.from(notes).insert({ slug: 'alpha', title: 'Bob alpha' }).select('slug, owner').single())

  result.anonSelect = await outcome(anon.from(notes).select('id'))
  result.anonCount = await outcome(anon.from(notes).select('*', { count: 'exact', head: true }))
  result.anonInsert = await outcome(anon.from(notes).insert({ slug: 'anon', title: 'x' }))
  return result
}

async function storage() {
  const privateBucket = env('BUCKET_PRIVATE')
  const publicBucket = env('BUCKET_PUBLIC')
  const alice = await signedUpClient('storage-a')
  const bob = await signedUpClient('storage-b')
  const a = alice.client.storage
  const b = bob.client.storage
  const anon = newClient().storage
  const result = { aliceId: alice.id, bobId: bob.id }

  const binary = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7 + 3) % 256)
  const docPath = `${alice.id}/doc.bin`
  result.uploadBytes = await outcome(
    a.from(privateBucket).upload(docPath, binary, { contentType: 'application/octet-stream' }),
  )
  result.uploadBlob = await outcome(
    a.from(privateBucket).upload(`${alice.id}/notes/hello.txt`, new Blob(['hello from supabase-js'], { type: 'text/plain' }), {
      contentType: 'text/plain;charset=UTF-8',
    }),
  )
  result.uploadKeep = await outcome(
    a.from(privateBucket).upload(`${alice.id}/keep.json`, JSON.stringify({ keep: true }), {
      contentType: 'application/json',
    }),
  )
  result.uploadExisting = await outcome(a.from(privateBucket).upload(docPath, binary))

  const download = await a.from(privateBucket).download(docPath)
  const downloaded = download.data ? new Uint8Array(await download.data.arrayBuffer()) : null
  result.download = {
    error: describeError(download.error),
    sameBytes: downloaded !== null && sameBytes(downloaded, binary),
    type: download.data?.type ?? null,
  }

  const listing = await a.from(privateBucket).list(alice.id, { sortBy: { column: 'name', order: 'asc' } })
  result.list = {
    error: describeError(listing.error),
    entries: (listing.data ?? []).map((entry) => ({
      name: entry.name,
      isFolder: entry.id === null,
      size: entry.metadata?.size ?? null,
      mimetype: entry.metadata?.mimetype ?? null,
    })),
  }

  const signed = await a.from(privateBucket).createSignedUrl(docPath, 60)
  result.signedUrl = { error: describeError(signed.error), url: signed.data?.signedUrl ?? null }
  if (signed.data) {
    const response = await fetch(signed.data.signedUrl)
    const body = new Uint8Array(await response.arrayBuffer())
    result.signedUrl.fetchStatus = response.status
    result.signedUrl.sameBytes = sameBytes(body, binary)
  }

  const avatar = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 1, 2, 3, 255])
  const avatarPath = `${alice.id}/avatar.png`
  result.uploadPublic = await outcome(a.from(publicBucket).upload(avatarPath, avatar, { contentType: 'image/png' }))
  const publicUrl = a.from(publicBucket).getPublicUrl(avatarPath).data.publicUrl
  const publicResponse = await fetch(publicUrl)
  result.publicUrl = {
    url: publicUrl,
    fetchStatus: publicResponse.status,
    contentType: publicResponse.headers.get('content-type'),
    sameBytes: sameBytes(new Uint8Array(await publicResponse.arrayBuffer()), avatar),
  }
  const privateAsPublic = await fetch(a.from(privateBucket).getPublicUrl(docPath).data.publicUrl)
  result.privateViaPublicUrl = { fetchStatus: privateAsPublic.status }

  // Bob and anonymous callers cannot read or write inside Alice's folder.
  result.bobUploadIntoAlice = await outcome(b.from(privateBucket).upload(`${alice.id}/evil.bin`, binary))
  result.bobOverwriteAlice = await outcome(b.from(privateBucket).upload(docPath, binary, { upsert: true }))
  result.bobUploadOwn = await outcome(b.from(privateBucket).upload(`${bob.id}/mine.txt`, 'bob', { contentType: 'text/plain' }))
  result.bobDownload = await outcome(b.from(privateBucket).download(docPath))
  result.bobSignedUrl = await outcome(b.from(privateBucket).createSignedUrl(docPath, 60))
  result.bobListAlice = await outcome(b.from(privateBucket).list(alice.id))
  result.bobRemove = await outcome(b.from(privateBucket).remove([docPath]))
  result.bobMove = await outcome(b.from(privateBucket).move(docPath, `${bob.id}/stolen.bin`))
  result.anonDownload = await outcome(anon.from(privateBucket).download(docPath))

  const movedPath = `${alice.id}/moved/doc.bin`
  result.move = await outcome(a.from(privateBucket).move(docPath, movedPath))
  const movedDownload = await a.from(privateBucket).download(movedPath)
  result.downloadMoved = {
    error: describeError(movedDownload.error),
    sameBytes: movedDownload.data ? sameBytes(new Uint8Array(await movedDownload.data.arrayBuffer()), binary) : false,
  }
  result.downloadOldPath = await outcome(a.from(privateBucket).download(docPath))
  const removed = await a.from(privateBucket).remove([movedPath, `${alice.id}/notes/hello.txt`])
  result.remove = {
    error: describeError(removed.error),
    names: (removed.data ?? []).map((entry) => entry.name).sort(),
  }
  return result
}

async function profiles() {
  const username = `js_${env('RUN_ID')}`
  const alice = await signedUpClient('profiles-a', { username, full_name: 'Alice Profile' })
  const bob = await signedUpClient('profiles-b')
  const result = { aliceId: alice.id, bobId: bob.id, username }

  result.aliceReadsAll = await outcome(alice.client.from('profiles').select('id, username, full_name'))
  result.aliceOwn = await outcome(
    alice.client.from('profiles').select('id, username, full_name').eq('id', alice.id).single(),
  )
  result.aliceUpdate = await outcome(
    alice.client.from('profiles').update({ bio: 'Writes code.' }).eq('id', alice.id).select('bio'),
  )
  result.bobReadsAlice = await outcome(bob.client.from('profiles').select('id').eq('id', alice.id))
  result.bobReadsAll = await outcome(bob.client.from('profiles').select('id, username'))
  result.bobUpdatesAlice = await outcome(
    bob.client.from('profiles').update({ bio: 'hacked' }).eq('id', alice.id).select('id'),
  )
  result.anonReads = await outcome(newClient().from('profiles').select('id'))
  return result
}

// PostgREST features of issue 26, on the rt_* tables of tests/local_supabase/conftest.py.
async function postgrest() {
  const client = newClient()
  const upsertTable = env('TABLE_UPSERT')
  const result = {}
  result.children = await outcome(
    client.from('rt_collection').select('name, rt_collection(name)').eq('id', 2),
  )
  result.parent = await outcome(client.from('rt_collection').select('name, parent:parent_id(name)').eq('id', 4))
  result.computedField = await outcome(
    client.from('rt_author').select('id, rt_label').order('rt_label', { ascending: false }).limit(2),
  )
  result.computedRelationship = await outcome(client.from('rt_book').select('title, rt_writer(name)').eq('id', 3))
  result.emptyInnerEmbed = await outcome(
    client.from('rt_author').select('id, rt_publisher!inner()').eq('rt_publisher.name', 'Tor'),
  )
  result.spreadToMany = await outcome(
    client.from('rt_author').select('id, ...rt_book!author_id(titles:title)').eq('id', 2).order('id', {
      referencedTable: 'rt_book',
    }),
  )
  result.scalarCount = await outcome(client.rpc(env('RPC_SCALAR'), { a: 1 }, { count: 'exact' }))
  result.upsertNew = await outcome(client.from(upsertTable).upsert({ id: 1, body: 'new' }).select('id, body'))
  result.upsertUpdate = await outcome(client.from(upsertTable).upsert({ id: 1, body: 'updated' }).select('id, body'))
  return result
}

const SCENARIOS = { auth, tables, storage, profiles, postgrest }

const name = process.argv[2]
if (!SCENARIOS[name]) {
  console.error(`usage: node scenarios.mjs <${Object.keys(SCENARIOS).join('|')}>`)
  process.exit(2)
}
try {
  const result = await SCENARIOS[name]()
  process.stdout.write(JSON.stringify({ scenario: name, result }) + '\n')
} catch (error) {
  console.error(`scenario ${name} failed: ${error.stack ?? error}`)
  process.exit(1)
}
