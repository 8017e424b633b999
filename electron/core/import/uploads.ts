import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AppError } from '../errors'

const MAX_UPLOAD_BYTES = 2 * 1024 ** 3

/**
 * Files handed to the importer arrive in chunks (over IPC or HTTP alike) and are assembled in a
 * private temp folder of this process; only ids travel back and forth, never paths.
 */
export function createUploadStore(root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-uploads-'))) {
  const uploads = new Map<string, { file: string; fileName: string; bytes: number; complete: boolean }>()
  return {
    append(
      uploadId: string | undefined,
      fileName: string,
      chunkBase64: string,
      last: boolean,
    ): { uploadId: string; bytes: number } {
      let entry = uploadId ? uploads.get(uploadId) : undefined
      if (uploadId && !entry)
        throw new AppError(
          'NOT_FOUND',
          `Upload ${uploadId} not found (the app may have restarted); choose the file again`,
        )
      if (entry?.complete) throw new AppError('CONFLICT', 'This upload is already complete')
      if (!entry) {
        const id = crypto.randomBytes(12).toString('base64url')
        entry = {
          file: path.join(root, `${id}.upload`),
          fileName: path.basename(fileName),
          bytes: 0,
          complete: false,
        }
        uploads.set(id, entry)
        uploadId = id
      }
      const chunk = Buffer.from(chunkBase64, 'base64')
      if (entry.bytes + chunk.length > MAX_UPLOAD_BYTES)
        throw new AppError('VALIDATION', 'Files over 2 GiB are not supported')
      fs.appendFileSync(entry.file, chunk)
      entry.bytes += chunk.length
      entry.complete = last
      return { uploadId: uploadId as string, bytes: entry.bytes }
    },
    /** The assembled file of a finished upload. */
    file(uploadId: string): { file: string; fileName: string; bytes: number } {
      const entry = uploads.get(uploadId)
      if (!entry) throw new AppError('NOT_FOUND', `Upload ${uploadId} not found; choose the file again`)
      if (!entry.complete) throw new AppError('CONFLICT', 'The upload is not complete yet')
      return entry
    },
    dispose(): void {
      fs.rmSync(root, { recursive: true, force: true })
    },
  }
}

export type UploadStore = ReturnType<typeof createUploadStore>
