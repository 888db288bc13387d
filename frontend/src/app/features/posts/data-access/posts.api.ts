import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  POST_PATHS,
  type CreatePostRequest,
  type PostCommentView,
  type PostList,
  type PostThread,
  type PostQuery,
  type PostView,
  type UpdatePostRequest,
} from '@atrium/shared';
import { Observable } from 'rxjs';

/** The agency's posts: the calendar's range queries, drafts, and everything done to one post. */
@Injectable({ providedIn: 'root' })
export class PostsApi {
  private readonly http = inject(HttpClient);

  list(query: PostQuery): Observable<PostList> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value) {
        params = params.set(key, String(value));
      }
    }
    return this.http.get<PostList>(POST_PATHS.posts, { params });
  }

  create(body: CreatePostRequest): Observable<PostView> {
    return this.http.post<PostView>(POST_PATHS.posts, body);
  }

  get(postId: string): Observable<PostView> {
    return this.http.get<PostView>(POST_PATHS.post(encodeURIComponent(postId)));
  }

  comments(postId: string): Observable<PostThread> {
    return this.http.get<PostThread>(POST_PATHS.comments(encodeURIComponent(postId)));
  }

  addComment(postId: string, body: string, internal: boolean): Observable<PostCommentView> {
    return this.http.post<PostCommentView>(POST_PATHS.comments(encodeURIComponent(postId)), { body, internal });
  }

  update(postId: string, body: UpdatePostRequest): Observable<PostView> {
    return this.http.patch<PostView>(POST_PATHS.post(encodeURIComponent(postId)), body);
  }

  cancel(postId: string): Observable<PostView> {
    return this.http.post<PostView>(POST_PATHS.cancel(encodeURIComponent(postId)), null);
  }

  delete(postId: string): Observable<void> {
    return this.http.delete<void>(POST_PATHS.post(encodeURIComponent(postId)));
  }
}
